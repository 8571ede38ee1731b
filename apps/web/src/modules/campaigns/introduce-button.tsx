import '@/modules/campaigns/campaigns.messages';
import { BulbOutlined } from '@ant-design/icons';
import { Button, type ButtonProps } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';

// The panel (its cards, the knowledge, the gift stock) loads when first opened: the visit page does not wait for it.
const IntroduceDrawer = lazy(() => import('./introduce-panel').then((m) => ({ default: m.IntroduceDrawer })));

/**
 * 新品推介: opens the panel with the retailer's campaign products — selling points and talking guide on screen, the
 * reaction recorded, a gift given within stock. On a visit the introduction and the gift carry the visit.
 */
export function IntroduceButton({
  retailerId,
  visitId,
  ...props
}: { retailerId: number; visitId?: number } & Omit<ButtonProps, 'onClick'>) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        icon={<BulbOutlined aria-hidden />}
        data-testid="introduce-open"
        {...props}
        onClick={() => {
          setOpened(true);
          setOpen(true);
        }}
      >
        {t('campaigns.introduce.open')}
      </Button>
      {opened ? (
        <Suspense fallback={null}>
          <IntroduceDrawer open={open} onClose={() => setOpen(false)} retailerId={retailerId} visitId={visitId} />
        </Suspense>
      ) : null}
    </>
  );
}
