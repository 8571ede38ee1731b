import '@/modules/ordering-oversight/ordering-oversight.messages';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '@/modules/auth/session';
import { isDate, mondayOf, weekStartOf } from '@/modules/visit-oversight/visit-figures';
import { useDistricts } from './ordering-oversight.api';

/**
 * The week and district a staff ordering page is about, kept in the address (`?week=&districtId=`) so a link or a
 * reload shows the same. A supervisor's district is its own; an admin chooses one (the first by default).
 */
export function useOrderingScope() {
  const user = useCurrentUser();
  const [search, setSearch] = useSearchParams();
  const isAdmin = user.role === 'admin';
  const districts = useDistricts(isAdmin).data ?? [];
  const weekParam = search.get('week');
  const currentWeek = weekStartOf(new Date());
  const week = isDate(weekParam) ? mondayOf(weekParam) : currentWeek;
  const districtParam = Number(search.get('districtId'));
  const districtId = isAdmin ? (districtParam > 0 ? districtParam : districts[0]?.id) : undefined;
  const setParams = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    setSearch(next, { replace: true });
  };
  const set = (name: string, value: string | undefined) => setParams({ [name]: value });
  return {
    user,
    isAdmin,
    week,
    currentWeek,
    districtId,
    districts,
    /** An admin's page waits for its district; others are ready at once. */
    ready: !isAdmin || districtId !== undefined,
    search,
    set,
    setParams,
    setWeek: (w: string) => set('week', w === currentWeek ? undefined : w),
  };
}

export function DistrictPicker({
  districts,
  value,
  onChange,
}: {
  districts: readonly { id: number; name: string }[];
  value: number | undefined;
  onChange: (id: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <Select
      size="large"
      value={value}
      onChange={onChange}
      placeholder={t('orderingOversight.common.districtChoice')}
      aria-label={t('orderingOversight.common.districtChoice')}
      data-testid="ordering-district"
      options={districts.map((d) => ({ value: d.id, label: d.name }))}
    />
  );
}
