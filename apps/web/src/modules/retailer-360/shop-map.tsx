import { EnvironmentOutlined } from '@ant-design/icons';
import type { RetailerProfile } from '@siyi/contracts';
import { Button, Card, Typography } from 'antd';
import gcoord from 'gcoord';
import { useTranslation } from 'react-i18next';
import { formatCoordinate } from '@/ui/format';

/**
 * Where the shop is: its position (stored WGS-84) and a link that opens it in Amap, converted to GCJ-02 at this
 * edge as Chinese map services expect. A drawn map with tiles needs the tile service the list's map will make
 * configurable; until then the position and the link carry no third-party tiles into the page.
 */
export function ShopMap({ profile }: { profile: RetailerProfile }) {
  const { t } = useTranslation();
  const [lng, lat] = gcoord.transform([profile.lng, profile.lat], gcoord.WGS84, gcoord.GCJ02);
  const amap = `https://uri.amap.com/marker?position=${lng.toFixed(6)},${lat.toFixed(6)}&name=${encodeURIComponent(
    profile.shopName,
  )}&coordinate=gaode&callnative=1`;
  return (
    <Card title={t('retailer360.tabs.map')}>
      <div className="siyi-r360-map" role="img" aria-label={t('retailer360.map.mapLabel')}>
        <EnvironmentOutlined className="siyi-r360-map__pin" aria-hidden />
        <span className="siyi-r360-map__name">{profile.shopName}</span>
      </div>
      <Typography.Paragraph>{profile.address}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {t('retailer360.map.coordinates', { lat: formatCoordinate(profile.lat), lng: formatCoordinate(profile.lng) })}
      </Typography.Paragraph>
      <Button icon={<EnvironmentOutlined aria-hidden />} href={amap} target="_blank" rel="noopener noreferrer" block>
        {t('retailer360.map.openInAmap')}
      </Button>
    </Card>
  );
}
