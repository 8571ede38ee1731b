import { describe, expect, it } from 'vitest';
import { PageErrorBoundary } from './error-pages';

describe('the page error boundary', () => {
  it('shows the error page from the moment a page throws, at that path', () => {
    expect(PageErrorBoundary.getDerivedStateFromError()).toEqual({ failedAt: '' });
    // Caught, not yet named: the same render keeps it (the error page stays up).
    expect(PageErrorBoundary.getDerivedStateFromProps({ pathname: '/a', children: null }, { failedAt: '' })).toBeNull();
    expect(
      PageErrorBoundary.getDerivedStateFromProps({ pathname: '/a', children: null }, { failedAt: '/a' }),
    ).toBeNull();
  });

  it('draws the pages again once the user goes to another path', () => {
    expect(PageErrorBoundary.getDerivedStateFromProps({ pathname: '/b', children: null }, { failedAt: '/a' })).toEqual({
      failedAt: null,
    });
    expect(
      PageErrorBoundary.getDerivedStateFromProps({ pathname: '/b', children: null }, { failedAt: null }),
    ).toBeNull();
  });
});
