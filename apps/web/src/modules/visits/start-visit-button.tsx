import '@/modules/visits/visits.messages';
import { EnvironmentOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { shanghaiDate } from './visit-dates';
import { useCreateVisit, useRetailerVisits } from './visits.api';

/**
 * The retailer 360 page's entry for its manager: open the visit in progress (or today's planned one) when there
 * is one, otherwise start an unplanned visit here — and go straight to check-in.
 */
export function StartVisitButton({ retailerId }: { retailerId: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const visits = useRetailerVisits(retailerId);
  const create = useCreateVisit();
  const today = shanghaiDate(new Date());
  const items = visits.data?.items ?? [];
  const open =
    items.find((v) => v.status === 'in_progress') ??
    items.find((v) => v.status === 'planned' && v.plannedDate === today) ??
    null;
  const go = () => {
    if (open) {
      void navigate(`/visits/${open.id}${open.status === 'planned' ? '?checkin=1' : ''}`);
      return;
    }
    create.mutate(retailerId, {
      onSuccess: (visit) => void navigate(`/visits/${visit.id}?checkin=1`),
      onError: (error) => void message.error(error.message),
    });
  };
  return (
    <Button
      type="primary"
      icon={<EnvironmentOutlined aria-hidden />}
      loading={create.isPending || visits.isPending}
      onClick={go}
      data-testid="retailer-start-visit"
    >
      {open?.status === 'in_progress' ? t('visits.startFromRetailer.open') : t('visits.startFromRetailer.start')}
    </Button>
  );
}
