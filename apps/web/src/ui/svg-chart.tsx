import {
  type KeyboardEvent,
  type PointerEvent,
  startTransition,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { CHART_THEME, type ChartSpec } from './chart-options';
import { formatDate } from './format';
import { type ChartLayout, layoutChart, type MeasureText } from './svg-chart-layout';

/** One canvas for measuring text, shared by every chart (measuring does not draw). */
let measureContext: CanvasRenderingContext2D | null | undefined;
function textMeasure(fontSize: number, fontFamily: string): MeasureText {
  measureContext ??= document.createElement('canvas').getContext('2d');
  const context = measureContext;
  if (!context) return (text) => text.length * fontSize * 0.6;
  const font = `${fontSize}px ${fontFamily}`;
  return (text) => {
    context.font = font;
    return context.measureText(text).width;
  };
}

/**
 * The width of `element`, followed as it changes. The first width comes from the ResizeObserver's first report,
 * which the browser makes after its own layout — not from reading the box during React's commit, which forces a
 * layout of the whole page there. The chart is then drawn in a transition: its render is sliced into short tasks
 * instead of running synchronously inside the commit that puts the page on screen (one ~150 ms task on a phone).
 * Its box has its height already, so nothing moves when it appears.
 */
function useWidth(element: React.RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const node = element.current;
    if (!node) return undefined;
    if (typeof ResizeObserver !== 'function') {
      setWidth(Math.round(node.getBoundingClientRect().width));
      return undefined;
    }
    const observer = new ResizeObserver((entries) => {
      const next = entries[0]?.contentRect.width;
      if (next !== undefined) startTransition(() => setWidth(Math.round(next)));
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [element]);
  return width;
}

function Tooltip({
  layout,
  index,
  title,
  colors,
  fontSize,
  hint,
}: {
  layout: ChartLayout;
  index: number;
  title: string;
  colors: readonly string[];
  fontSize: number;
  /** A last line, e.g. that a second tap opens the category. */
  hint?: string;
}) {
  const band =
    layout.orientation === 'vertical'
      ? (layout.plot.right - layout.plot.left) / layout.bands
      : (layout.plot.bottom - layout.plot.top) / layout.bands;
  const centre =
    layout.orientation === 'vertical'
      ? layout.plot.left + band * (index + 0.5)
      : layout.plot.top + band * (index + 0.5);
  // Beside the chosen category, kept inside the chart (ECharts' `confine`).
  const style: React.CSSProperties =
    layout.orientation === 'vertical'
      ? centre > layout.width / 2
        ? { right: layout.width - centre + 12, top: layout.plot.top }
        : { left: centre + 12, top: layout.plot.top }
      : { right: 8, top: Math.min(centre + 12, Math.max(0, layout.height - fontSize * 6)) };
  return (
    <div
      style={{
        ...style,
        position: 'absolute',
        zIndex: 1,
        pointerEvents: 'none',
        padding: '6px 10px',
        whiteSpace: 'nowrap',
        fontSize,
        background: CHART_THEME.background,
        boxShadow: CHART_THEME.shadow,
        borderRadius: CHART_THEME.radius,
        color: CHART_THEME.text,
      }}
    >
      <div style={{ marginBottom: 2 }}>{title}</div>
      {layout.series.map((s, i) => (
        <div key={s.name} style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
          <span
            style={{ width: 10, height: 10, borderRadius: 5, flex: 'none', background: colors[i % colors.length] }}
          />
          <span>{s.name}</span>
          <strong>{s.format(s.values[index] ?? 0)}</strong>
        </div>
      ))}
      {hint ? <div style={{ marginTop: 2, color: CHART_THEME.link }}>{hint}</div> : null}
    </div>
  );
}

/**
 * The phone's chart (ADR 0006): the same figures, axis titles, units and text size as the desktop's ECharts chart,
 * drawn as SVG by our own code in a few KB instead of ECharts' ~150 KB. A tap (or an arrow key) shows a category's
 * values as ECharts' tooltip does; a screen reader gets the label and every value in a table.
 */
export function SvgChart({
  spec,
  label,
  height,
  locale,
  onOpen,
  openHint,
}: {
  spec: ChartSpec;
  label: string;
  height: number;
  locale: string;
  /** A second tap on the shown category (or Enter) opens it. */
  onOpen?: (index: number) => void;
  openHint?: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const width = useWidth(container);
  const [selected, setSelected] = useState<number | null>(null);
  /** The category a pointerdown found already shown: its click opens it. */
  const opening = useRef<number | null>(null);
  const { fontSize } = spec.words;
  const colors = CHART_THEME.series;

  const layout = useMemo(
    () => (width > 0 ? layoutChart(spec, width, height, textMeasure(fontSize, CHART_THEME.fontFamily)) : null),
    [spec, width, height, fontSize],
  );
  const categoryName = (index: number) => {
    const category = layout?.categories[index] ?? '';
    return spec.kind === 'weekly' ? formatDate(category, locale) : category;
  };

  const pick = (event: PointerEvent<SVGSVGElement>) => {
    if (!layout || layout.bands === 0) return;
    const box = event.currentTarget.getBoundingClientRect();
    const along =
      layout.orientation === 'vertical'
        ? (event.clientX - box.left - layout.plot.left) / (layout.plot.right - layout.plot.left)
        : (event.clientY - box.top - layout.plot.top) / (layout.plot.bottom - layout.plot.top);
    if (along < 0 || along >= 1) return setSelected(null);
    const index = Math.floor(along * layout.bands);
    // A tap shows the values; a tap on the category already shown opens it (a mouse has hovered it: one click),
    // on the click that ends the tap — opened on pointerdown, that click would land on the dialog's mask and shut it.
    if (event.type === 'pointerdown') opening.current = onOpen && index === selected ? index : null;
    setSelected(index);
  };
  const openOnClick = () => {
    const index = opening.current;
    opening.current = null;
    if (index !== null && onOpen) onOpen(index);
  };
  const step = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!layout || layout.bands === 0) return;
    const forward = ['ArrowRight', 'ArrowDown'].includes(event.key);
    const back = ['ArrowLeft', 'ArrowUp'].includes(event.key);
    if (event.key === 'Escape') setSelected(null);
    if (event.key === 'Enter' && onOpen && selected !== null) {
      event.preventDefault();
      onOpen(selected);
      return;
    }
    if (!forward && !back) return;
    event.preventDefault();
    setSelected((current) => {
      if (current === null) return forward ? 0 : layout.bands - 1;
      return Math.min(layout.bands - 1, Math.max(0, current + (forward ? 1 : -1)));
    });
  };

  const highlight =
    layout && selected !== null
      ? layout.orientation === 'vertical'
        ? {
            x: layout.plot.left + ((layout.plot.right - layout.plot.left) / layout.bands) * selected,
            y: layout.plot.top,
            width: (layout.plot.right - layout.plot.left) / layout.bands,
            height: layout.plot.bottom - layout.plot.top,
          }
        : {
            x: layout.plot.left,
            y: layout.plot.top + ((layout.plot.bottom - layout.plot.top) / layout.bands) * selected,
            width: layout.plot.right - layout.plot.left,
            height: (layout.plot.bottom - layout.plot.top) / layout.bands,
          }
      : null;

  return (
    <div style={{ height }}>
      <div
        ref={container}
        role="img"
        aria-label={label}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: arrow keys step through the categories as a tap does
        tabIndex={0}
        onKeyDown={step}
        onBlur={() => setSelected(null)}
        style={{ position: 'relative', height: '100%', touchAction: 'pan-y' }}
      >
        {layout ? (
          <svg
            width={layout.width}
            height={layout.height}
            viewBox={`0 0 ${layout.width} ${layout.height}`}
            aria-hidden="true"
            focusable="false"
            style={{ fontFamily: CHART_THEME.fontFamily, fontSize }}
            onPointerDown={pick}
            onClick={openOnClick}
            onPointerMove={(event) => {
              if (event.pointerType === 'mouse') pick(event);
            }}
            onPointerLeave={(event) => {
              if (event.pointerType === 'mouse') setSelected(null);
            }}
          >
            {highlight ? <rect {...highlight} fill={CHART_THEME.highlight} /> : null}
            {layout.grid.map((l) => (
              <line key={`g${l.x1},${l.y1}`} {...l} stroke={CHART_THEME.gridLine} />
            ))}
            {layout.bars.map((b) => (
              <rect
                key={`b${b.series}-${b.index}`}
                x={b.x}
                y={b.y}
                width={Math.max(0, b.width)}
                height={Math.max(0, b.height)}
                fill={colors[b.series % colors.length]}
              />
            ))}
            {layout.axis.map((l) => (
              <line key={`a${l.x1},${l.y1}`} {...l} stroke={CHART_THEME.textTertiary} />
            ))}
            {layout.ticks.map((l) => (
              <line key={`t${l.x1},${l.y1}`} {...l} stroke={CHART_THEME.textTertiary} />
            ))}
            {layout.lines.map((line) => (
              <g key={`l${line.series}`} stroke={colors[line.series % colors.length]} fill="none" strokeWidth={2}>
                <polyline points={line.points.map((p) => p.join(',')).join(' ')} strokeLinejoin="round" />
                {line.dots || selected !== null
                  ? line.points
                      .filter((_, i) => line.dots || i === selected)
                      .map(([x, y]) => <circle key={`${x}`} cx={x} cy={y} r={3} fill={CHART_THEME.background} />)
                  : null}
              </g>
            ))}
            {layout.legend.map((item) => {
              const color = colors[item.series % colors.length];
              const swatch = Math.round(fontSize * 1.6);
              return layout.series[item.series]?.type === 'line' ? (
                <g key={`k${item.series}`} stroke={color} strokeWidth={2} fill={CHART_THEME.background}>
                  <line x1={item.x} y1={item.y} x2={item.x + swatch} y2={item.y} />
                  <circle cx={item.x + swatch / 2} cy={item.y} r={3.5} />
                </g>
              ) : (
                <rect
                  key={`k${item.series}`}
                  x={item.x}
                  y={item.y - fontSize * 0.45}
                  width={swatch}
                  height={fontSize * 0.9}
                  rx={3}
                  fill={color}
                />
              );
            })}
            {layout.texts.map((text) => (
              <text
                key={`x${text.x},${text.y},${text.text}`}
                x={text.x}
                y={text.y}
                textAnchor={text.anchor}
                fill={text.role === 'title' ? CHART_THEME.text : CHART_THEME.textSecondary}
              >
                {text.text}
              </text>
            ))}
          </svg>
        ) : null}
        {layout && selected !== null ? (
          <Tooltip
            layout={layout}
            index={selected}
            title={categoryName(selected)}
            colors={colors}
            fontSize={fontSize}
            hint={onOpen ? openHint : undefined}
          />
        ) : null}
      </div>
      {layout ? (
        // A table ignores a 1 px width: hidden inside a box that does not.
        <div className="siyi-visually-hidden">
          <table>
            <caption>{label}</caption>
            <thead>
              <tr>
                <th scope="col">{layout.categoryTitle}</th>
                {layout.series.map((s) => (
                  <th key={s.name} scope="col">
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {layout.categories.map((category, index) => (
                <tr key={category}>
                  <th scope="row">{categoryName(index)}</th>
                  {layout.series.map((s) => (
                    <td key={s.name}>{s.format(s.values[index] ?? 0)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
