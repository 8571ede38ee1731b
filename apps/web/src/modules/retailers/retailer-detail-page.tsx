import '@/modules/ordering-oversight/ordering-oversight.messages';
import { ArrowLeftOutlined, EditOutlined, ShoppingOutlined } from '@ant-design/icons';
import { Button, Card, Space, Tabs, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '@/api/api-client';
import { useCurrentUser } from '@/modules/auth/session';
import { IntroduceButton } from '@/modules/campaigns/introduce-button';
import { RetailerPhotos } from '@/modules/photos/retailer-photos';
import { HistoryTab, TimelineTab } from '@/modules/retailer-360/activity-tabs';
import { ConcernsTab } from '@/modules/retailer-360/concerns-tab';
import { LicenceStateTag, ProfileSections } from '@/modules/retailer-360/profile-sections';
import { useRetailerProfile } from '@/modules/retailer-360/retailer-360.api';
import { ShopMap } from '@/modules/retailer-360/shop-map';
import { TierTab } from '@/modules/retailer-360/tier-tab';
import { StartVisitButton } from '@/modules/visits/start-visit-button';
import { LinkButton } from '@/ui/link-button';
import { BlockLoading, ErrorState, NotFoundState } from '@/ui/states';
import { useDocumentTitle } from '@/ui/use-document-title';
import { StatusTag, TierBadge } from './retailer-labels';

// The edit form (antd Form, Select, Checkbox and the shared schema's rules) loads when it is first opened.
const ProfileEditDrawer = lazy(() =>
  import('@/modules/retailer-360/profile-edit-drawer').then((m) => ({ default: m.ProfileEditDrawer })),
);
// The suggested order (建议订量) loads with its own code when the profile tab shows.
const SuggestionCard = lazy(() =>
  import('@/modules/suggestions/suggestion-card').then((m) => ({ default: m.SuggestionCard })),
);

// What a manager on a visit needs first comes first: on a phone the last tabs fold into a menu.
const TABS = ['profile', 'timeline', 'concerns', 'tier', 'history', 'map'] as const;
type TabKey = (typeof TABS)[number];

function parseId(raw: string | undefined): number | null {
  if (!raw || !/^\d{1,10}$/.test(raw)) return null;
  const id = Number(raw);
  return id >= 1 && id <= 2_147_483_647 ? id : null;
}

function useBackTarget(): string {
  const { state } = useLocation();
  const user = useCurrentUser();
  if (typeof state === 'object' && state !== null && 'from' in state && typeof state.from === 'string') {
    if (state.from.startsWith('/') && !state.from.startsWith('//')) return state.from;
  }
  // A manager's list is their home page.
  return user.role === 'manager' ? '/' : '/retailers';
}

function NotInScope({ back }: { back: string }) {
  const { t } = useTranslation();
  return (
    <NotFoundState
      headingLevel={1}
      title={t('retailers.detail.notFoundTitle')}
      body={t('retailers.detail.notFoundBody')}
      backTo={back}
      backLabel={t('retailers.detail.backToList')}
    />
  );
}

/**
 * `/retailers/:id`: the retailer 360 — the whole archive in tabs (profile, tier, location, timeline, change
 * history, concerns heard), the tab in the URL (`?tab=`) so a link or the back button lands where it was.
 */
export function RetailerDetailPage() {
  const { t } = useTranslation();
  const params = useParams();
  const id = parseId(params.id);
  const back = useBackTarget();
  const profile = useRetailerProfile(id);
  const [search, setSearch] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const { role } = useCurrentUser();
  useDocumentTitle(profile.data?.shopName ?? t('retailers.detail.titleFallback'));

  const tabParam = search.get('tab');
  const tab: TabKey = TABS.includes(tabParam as TabKey) ? (tabParam as TabKey) : 'profile';
  const selectTab = (key: string) => {
    const next = new URLSearchParams(search);
    if (key === 'profile') next.delete('tab');
    else next.set('tab', key);
    setSearch(next, { replace: true, state: window.history.state?.usr });
  };

  if (id === null) return <NotInScope back={back} />;
  if (profile.isError) {
    const error = profile.error;
    if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return <NotInScope back={back} />;
    return <ErrorState error={error} onRetry={() => void profile.refetch()} />;
  }

  const data = profile.data;
  return (
    <div className="siyi-page">
      <div>
        <LinkButton type="link" icon={<ArrowLeftOutlined />} to={back} style={{ paddingInline: 0 }}>
          {t('retailers.detail.backToList')}
        </LinkButton>
      </div>
      <div className="siyi-page__head">
        <Typography.Title level={1} className="siyi-page__title">
          {data ? data.shopName : t('retailers.detail.titleFallback')}
        </Typography.Title>
        {data ? (
          <Space wrap>
            <TierBadge tier={data.tier} />
            <StatusTag status={data.status} />
            <Tag>{t(`formats.${data.businessFormat}`)}</Tag>
            {data.licenceState === 'expiringSoon' || data.licenceState === 'expired' ? (
              <LicenceStateTag profile={data} />
            ) : null}
            {role === 'manager' && data.status === 'active' ? <StartVisitButton retailerId={data.id} /> : null}
            {role === 'manager' && data.status === 'active' ? (
              <LinkButton
                to={`/orders/proposals/new?retailerId=${data.id}`}
                icon={<ShoppingOutlined aria-hidden />}
                data-testid="prepare-proposal"
              >
                {t('orderingOversight.proposal.open')}
              </LinkButton>
            ) : null}
            {role === 'manager' && data.status === 'active' ? <IntroduceButton retailerId={data.id} /> : null}
            {data.canEdit ? (
              <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>
                {t('retailer360.edit.open')}
              </Button>
            ) : null}
          </Space>
        ) : null}
      </div>
      {data ? (
        <>
          <Tabs
            activeKey={tab}
            onChange={selectTab}
            className="siyi-r360-tabs"
            destroyOnHidden
            items={[
              {
                key: 'profile',
                label: t('retailer360.tabs.profile'),
                children: (
                  <div className="siyi-page">
                    <ProfileSections profile={data} />
                    <Suspense fallback={null}>
                      <SuggestionCard retailerId={data.id} canRecompute={data.canEdit} canReportStock={data.canEdit} />
                    </Suspense>
                    <RetailerPhotos retailerId={data.id} canEdit={data.canEdit} />
                  </div>
                ),
              },
              {
                key: 'timeline',
                label: t('retailer360.tabs.timeline'),
                children: <TimelineTab retailerId={data.id} districtId={data.districtId} />,
              },
              {
                key: 'concerns',
                label: t('retailer360.tabs.concerns'),
                children: (
                  <div className="siyi-page">
                    <ConcernsTab retailerId={data.id} canRecord={data.canEdit} />
                  </div>
                ),
              },
              {
                key: 'tier',
                label: t('retailer360.tabs.tier'),
                children: (
                  <div className="siyi-page">
                    <TierTab profile={data} />
                  </div>
                ),
              },
              { key: 'history', label: t('retailer360.tabs.history'), children: <HistoryTab retailerId={data.id} /> },
              { key: 'map', label: t('retailer360.tabs.map'), children: <ShopMap profile={data} /> },
            ]}
          />
          {editing ? (
            <Suspense fallback={null}>
              <ProfileEditDrawer profile={data} open={editing} onClose={() => setEditing(false)} />
            </Suspense>
          ) : null}
        </>
      ) : (
        <Card>
          <BlockLoading rows={8} />
        </Card>
      )}
    </div>
  );
}
