import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { byCodePoint } from '../../ui/sort';
import { useOrgUnits } from './users.api';

/** Picks one district (片区) among the org units the user may see. */
export function DistrictSelect({
  value,
  onChange,
  id,
}: {
  value: number | undefined;
  onChange: (districtId: number) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  const orgUnits = useOrgUnits();
  const districts = (orgUnits.data?.items ?? [])
    .filter((unit) => unit.kind === 'district')
    .sort((a, b) => byCodePoint(a.code, b.code));
  return (
    <Select<number>
      {...(id ? { id } : {})}
      aria-label={t('dashboard.districts.choose')}
      placeholder={t('dashboard.districts.choosePlaceholder')}
      showSearch={{ optionFilterProp: 'label' }}
      loading={orgUnits.isPending}
      status={orgUnits.isError ? 'error' : undefined}
      // An id that names no district (a stale or typed URL) shows the placeholder, never the bare number.
      value={districts.some((unit) => unit.id === value) ? value : undefined}
      onChange={onChange}
      options={districts.map((unit) => ({ value: unit.id, label: unit.name }))}
      className="siyi-district-select"
      notFoundContent={orgUnits.isError ? orgUnits.error.message : undefined}
    />
  );
}
