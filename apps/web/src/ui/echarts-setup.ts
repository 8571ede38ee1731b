import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendPlainComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only the parts the app draws (bar and line series on a grid, axis tooltips, a plain legend, the aria
// description) and the canvas renderer: about a third of the full library. Loaded apart from the pages, when the
// first chart mounts (see echart.tsx), so a page's text and figures show before the charts' code arrives.
use([BarChart, LineChart, GridComponent, TooltipComponent, LegendPlainComponent, AriaComponent, CanvasRenderer]);

export { init };
