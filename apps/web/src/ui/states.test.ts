import type { UseQueryResult } from '@tanstack/react-query';
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { QueryView } from './states';

/** The parts of a query QueryView reads, in one of its three states. */
function query(state: { data?: string; error?: Error; pending?: boolean }): UseQueryResult<string> {
  return {
    data: state.data,
    error: state.error ?? null,
    isError: state.error !== undefined,
    isPending: state.pending ?? false,
    refetch: () => Promise.resolve(),
  } as unknown as UseQueryResult<string>;
}

function draw(props: { query: UseQueryResult<string>; failure?: (error: unknown, retry: () => void) => ReactNode }) {
  return renderToStaticMarkup(
    createElement(QueryView<string>, {
      ...props,
      loading: createElement('p', null, 'waiting'),
      // biome-ignore lint/correctness/noChildrenProp: QueryView's children is a render function (createElement's third argument takes nodes only).
      children: (data: string) => createElement('p', null, `data: ${data}`),
    }),
  );
}

describe('QueryView', () => {
  it('draws the wait, then the answer', () => {
    expect(draw({ query: query({ pending: true }) })).toBe('<p>waiting</p>');
    expect(draw({ query: query({ data: 'seven' }) })).toBe('<p>data: seven</p>');
  });

  it("draws a failure in the page-sized panel, with the error's words and a retry", () => {
    const html = draw({ query: query({ error: new Error('the network is down') }) });
    expect(html).toContain('siyi-status');
    expect(html).toContain('the network is down');
    expect(html).toContain('<button');
  });

  it('draws a failure its own way when the page gives `failure`, with the error and a retry', () => {
    const seen: unknown[] = [];
    const html = draw({
      query: query({ error: new Error('the network is down') }),
      failure: (error, retry) => {
        seen.push(error, typeof retry);
        return createElement('p', { className: 'small' }, 'could not load');
      },
    });
    expect(html).toBe('<p class="small">could not load</p>');
    expect((seen[0] as Error).message).toBe('the network is down');
    expect(seen[1]).toBe('function');
  });
});
