import { type ReactNode, startTransition, useEffect, useRef, useState } from 'react';

/**
 * Draws `children` when its place comes near the screen (IntersectionObserver, `margin` ahead), in a transition:
 * a part below the fold — and the code it needs, e.g. antd for a table — costs the first screen nothing, and a
 * phone's user who scrolls finds it there. Until then `placeholder` holds its place (give it the part's height,
 * so nothing shifts).
 */
export function WhenVisible({
  children,
  placeholder,
  margin = '200px',
}: {
  children: ReactNode;
  placeholder: ReactNode;
  margin?: string;
}) {
  const [visible, setVisible] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (visible || !element) return;
    if (typeof IntersectionObserver !== 'function') {
      setVisible(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer.disconnect();
          startTransition(() => setVisible(true));
        }
      },
      { rootMargin: margin },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [visible, margin]);
  if (visible) return <>{children}</>;
  return <div ref={ref}>{placeholder}</div>;
}
