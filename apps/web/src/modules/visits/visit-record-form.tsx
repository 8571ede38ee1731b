import '@/modules/concerns/concerns.messages';
import '@/modules/visits/visits.messages';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ChecklistAnswerValue, ConcernCategory, VisitRecord, VisitTemplateItem } from '@siyi/contracts';
import { Button, Card, Checkbox, Input, InputNumber, Radio, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { IntroduceButton } from '@/modules/campaigns/introduce-button';
import { categoryOrder } from '@/modules/concerns/concern-icons';
import { useSuggestions } from '@/modules/suggestions/suggestions.api';
import { addDays, shanghaiDate } from './visit-dates';
import { checklistProgress } from './visit-record';

type Change = (change: (record: VisitRecord) => VisitRecord) => void;
const ANSWERS: ChecklistAnswerValue[] = ['yes', 'no', 'na'];

/** The template's checklist: one large yes / no / n.a. switch per item; a note when the answer is no. */
export function ChecklistCard({
  items,
  record,
  disabled,
  onChange,
}: {
  items: readonly VisitTemplateItem[];
  record: VisitRecord;
  disabled: boolean;
  onChange: Change;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const progress = checklistProgress(
    record,
    items.map((i) => i.id),
  );
  return (
    <Card
      title={t('visits.record.checklist')}
      extra={<span className="siyi-visit-muted">{t('visits.record.checklistDone', progress)}</span>}
    >
      <ul className="siyi-checklist">
        {items.map((item) => {
          const answer = record.checklist[item.id];
          const labelId = `checklist-${item.id}`;
          return (
            <li key={item.id} className="siyi-checklist__item" data-testid="checklist-item" data-item={item.id}>
              <span id={labelId} className="siyi-checklist__label">
                {item.label[lang]}
              </span>
              <Radio.Group
                aria-labelledby={labelId}
                optionType="button"
                buttonStyle="solid"
                size="large"
                disabled={disabled}
                value={answer?.answer}
                className="siyi-checklist__answers"
                onChange={(e) => {
                  const value = e.target.value as ChecklistAnswerValue;
                  onChange((r) => ({
                    ...r,
                    checklist: { ...r.checklist, [item.id]: { answer: value, note: r.checklist[item.id]?.note ?? '' } },
                  }));
                }}
                options={ANSWERS.map((a) => ({ value: a, label: t(`visits.record.answers.${a}`) }))}
              />
              {answer?.answer === 'no' ? (
                <Input
                  size="large"
                  maxLength={500}
                  disabled={disabled}
                  placeholder={t('visits.record.note')}
                  aria-label={`${item.label[lang]} · ${t('visits.record.note')}`}
                  value={answer.note}
                  onChange={(e) => {
                    const note = e.target.value;
                    onChange((r) => {
                      const a = r.checklist[item.id];
                      return a ? { ...r, checklist: { ...r.checklist, [item.id]: { ...a, note } } } : r;
                    });
                  }}
                />
              ) : null}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

/** Market information: stock, competitors' prices, what consumers say. */
export function MarketCard({
  record,
  disabled,
  onChange,
}: {
  record: VisitRecord;
  disabled: boolean;
  onChange: Change;
}) {
  const { t } = useTranslation();
  const market = record.market;
  const setMarket = (patch: Partial<VisitRecord['market']>) =>
    onChange((r) => ({ ...r, market: { ...r.market, ...patch } }));
  return (
    <Card title={t('visits.record.market')}>
      <div className="siyi-visit-fields">
        <div className="siyi-visit-field">
          <label htmlFor="visit-stock-notes">{t('visits.record.stockNotes')}</label>
          <Input.TextArea
            id="visit-stock-notes"
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={2000}
            disabled={disabled}
            placeholder={t('visits.record.stockNotesPlaceholder')}
            value={market.stockNotes}
            onChange={(e) => setMarket({ stockNotes: e.target.value })}
          />
        </div>
        <fieldset className="siyi-visit-field">
          <legend>{t('visits.record.competitorPrices')}</legend>
          {market.competitorPrices.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; they are edited in place
            <div key={i} className="siyi-visit-row">
              <Input
                size="large"
                maxLength={60}
                disabled={disabled}
                aria-label={t('visits.record.competitorProduct')}
                placeholder={t('visits.record.competitorProduct')}
                value={c.product}
                onChange={(e) => {
                  const product = e.target.value;
                  setMarket({
                    competitorPrices: market.competitorPrices.map((x, j) => (j === i ? { ...x, product } : x)),
                  });
                }}
              />
              <InputNumber
                size="large"
                min={0}
                max={100000}
                disabled={disabled}
                aria-label={t('visits.record.competitorPrice')}
                placeholder={t('visits.record.competitorPrice')}
                value={c.price}
                onChange={(v) =>
                  setMarket({
                    competitorPrices: market.competitorPrices.map((x, j) =>
                      j === i ? { ...x, price: typeof v === 'number' ? v : null } : x,
                    ),
                  })
                }
              />
              <RemoveButton
                disabled={disabled}
                onClick={() => setMarket({ competitorPrices: market.competitorPrices.filter((_, j) => j !== i) })}
              />
            </div>
          ))}
          <Button
            icon={<PlusOutlined aria-hidden />}
            disabled={disabled || market.competitorPrices.length >= 20}
            onClick={() =>
              setMarket({ competitorPrices: [...market.competitorPrices, { product: '', price: null, note: '' }] })
            }
          >
            {t('visits.record.addCompetitor')}
          </Button>
        </fieldset>
        <div className="siyi-visit-field">
          <label htmlFor="visit-consumer-remarks">{t('visits.record.consumerRemarks')}</label>
          <Input.TextArea
            id="visit-consumer-remarks"
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={2000}
            disabled={disabled}
            value={market.consumerRemarks}
            onChange={(e) => setMarket({ consumerRemarks: e.target.value })}
          />
        </div>
      </div>
    </Card>
  );
}

function RemoveButton({ disabled, onClick }: { disabled: boolean; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button
      size="large"
      type="text"
      danger
      disabled={disabled}
      icon={<DeleteOutlined aria-hidden />}
      aria-label={t('visits.record.remove')}
      title={t('visits.record.remove')}
      onClick={onClick}
    />
  );
}

/**
 * Concerns heard: each is added whole (category and words) with a button, not typed into the record as it is
 * written — the server raises every new one as a tracked concern when the record is saved, a moment later.
 */
export function ConcernsCard({
  record,
  disabled,
  onChange,
}: {
  record: VisitRecord;
  disabled: boolean;
  onChange: Change;
}) {
  const { t } = useTranslation();
  const [category, setCategory] = useState<ConcernCategory>('other');
  const [text, setText] = useState('');
  const add = () => {
    const words = text.trim();
    if (!words) return;
    onChange((r) => ({ ...r, heardConcerns: [...r.heardConcerns, { category, text: words, concernId: null }] }));
    setText('');
  };
  return (
    <Card title={t('visits.record.concerns')}>
      <Typography.Paragraph type="secondary">{t('visits.record.concernsHint')}</Typography.Paragraph>
      {record.heardConcerns.length > 0 ? (
        <ul className="siyi-visit-items">
          {record.heardConcerns.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id until raised
            <li key={i} className="siyi-visit-item">
              <div>
                <Tag>{t(`concerns.categories.${c.category}`)}</Tag> {c.text}
                {c.concernId ? (
                  <div className="siyi-visit-muted">{t('visits.record.raisedAs', { id: c.concernId })}</div>
                ) : null}
              </div>
              {c.concernId ? null : (
                <RemoveButton
                  disabled={disabled}
                  onClick={() => onChange((r) => ({ ...r, heardConcerns: r.heardConcerns.filter((_, j) => j !== i) }))}
                />
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="siyi-visit-fields">
        <Select
          size="large"
          disabled={disabled}
          value={category}
          onChange={setCategory}
          aria-label={t('visits.record.concernCategory')}
          options={categoryOrder.map((c) => ({ value: c, label: t(`concerns.categories.${c}`) }))}
        />
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={2000}
          disabled={disabled}
          aria-label={t('visits.record.concernText')}
          placeholder={t('visits.record.concernText')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <Button
          size="large"
          icon={<PlusOutlined aria-hidden />}
          disabled={disabled || text.trim() === '' || record.heardConcerns.length >= 10}
          onClick={add}
        >
          {t('visits.record.addConcern')}
        </Button>
      </div>
    </Card>
  );
}

/** Products introduced, chosen from the shop's suggested-order products. */
export function ProductsCard({
  retailerId,
  record,
  disabled,
  onChange,
}: {
  retailerId: number;
  record: VisitRecord;
  disabled: boolean;
  onChange: Change;
}) {
  const { t } = useTranslation();
  const suggestions = useSuggestions(retailerId);
  // The visit's own id (`/visits/:id`): a campaign introduction or a gift given from here carries it.
  const visitId = Number(useParams().id) || undefined;
  const chosen = new Set(record.productsIntroduced.map((p) => p.productId));
  const options = (suggestions.data ?? [])
    .filter((s) => !chosen.has(s.productId))
    .map((s) => ({ value: s.productId, label: s.productName }));
  return (
    <Card title={t('visits.record.products')}>
      <Typography.Paragraph type="secondary">{t('visits.record.productsHint')}</Typography.Paragraph>
      {disabled ? null : (
        <IntroduceButton
          retailerId={retailerId}
          visitId={visitId}
          size="large"
          block
          className="siyi-big-button"
          style={{ marginBottom: 12 }}
        />
      )}
      {record.productsIntroduced.length > 0 ? (
        <ul className="siyi-visit-items">
          {record.productsIntroduced.map((p, i) => (
            <li key={p.productId} className="siyi-visit-item siyi-visit-item--column">
              <strong>
                {p.productName ||
                  suggestions.data?.find((s) => s.productId === p.productId)?.productName ||
                  `#${p.productId}`}
              </strong>
              <div className="siyi-visit-row">
                <Input
                  size="large"
                  maxLength={500}
                  disabled={disabled}
                  aria-label={t('visits.record.productNote')}
                  placeholder={t('visits.record.productNote')}
                  value={p.note}
                  onChange={(e) => {
                    const note = e.target.value;
                    onChange((r) => ({
                      ...r,
                      productsIntroduced: r.productsIntroduced.map((x, j) => (j === i ? { ...x, note } : x)),
                    }));
                  }}
                />
                <RemoveButton
                  disabled={disabled}
                  onClick={() =>
                    onChange((r) => ({ ...r, productsIntroduced: r.productsIntroduced.filter((_, j) => j !== i) }))
                  }
                />
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {suggestions.data && suggestions.data.length === 0 ? (
        <Typography.Paragraph>{t('visits.record.noProducts')}</Typography.Paragraph>
      ) : (
        <Select
          size="large"
          showSearch
          optionFilterProp="label"
          value={null}
          loading={suggestions.isPending}
          disabled={disabled || record.productsIntroduced.length >= 20}
          placeholder={t('visits.record.addProduct')}
          aria-label={t('visits.record.productPick')}
          options={options}
          style={{ width: '100%' }}
          onChange={(productId: number | null) => {
            const product = suggestions.data?.find((s) => s.productId === productId);
            if (!product) return;
            onChange((r) => ({
              ...r,
              productsIntroduced: [
                ...r.productsIntroduced,
                { productId: product.productId, productName: product.productName, note: '' },
              ],
            }));
          }}
        />
      )}
    </Card>
  );
}

/** Follow-up actions with a due date (a week from today unless changed). */
export function FollowUpsCard({
  record,
  disabled,
  onChange,
}: {
  record: VisitRecord;
  disabled: boolean;
  onChange: Change;
}) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<VisitRecord['followUps'][number]>) =>
    onChange((r) => ({ ...r, followUps: r.followUps.map((f, j) => (j === i ? { ...f, ...patch } : f)) }));
  return (
    <Card title={t('visits.record.followUps')}>
      {record.followUps.length > 0 ? (
        <ul className="siyi-visit-items">
          {record.followUps.map((f, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; they are edited in place
            <li key={i} className="siyi-visit-item siyi-visit-item--column">
              <Input
                size="large"
                maxLength={500}
                disabled={disabled}
                aria-label={t('visits.record.followUpText')}
                placeholder={t('visits.record.followUpText')}
                value={f.text}
                onChange={(e) => set(i, { text: e.target.value })}
              />
              <div className="siyi-visit-row">
                <DateInput
                  value={f.dueDate}
                  disabled={disabled}
                  label={t('visits.record.followUpDue')}
                  onChange={(dueDate) => set(i, { dueDate })}
                />
                <Checkbox checked={f.done} disabled={disabled} onChange={(e) => set(i, { done: e.target.checked })}>
                  {t('visits.record.followUpDone')}
                </Checkbox>
                <RemoveButton
                  disabled={disabled}
                  onClick={() => onChange((r) => ({ ...r, followUps: r.followUps.filter((_, j) => j !== i) }))}
                />
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      <Button
        size="large"
        icon={<PlusOutlined aria-hidden />}
        disabled={disabled || record.followUps.length >= 20}
        onClick={() =>
          onChange((r) => ({
            ...r,
            followUps: [...r.followUps, { text: '', dueDate: addDays(shanghaiDate(new Date()), 7), done: false }],
          }))
        }
      >
        {t('visits.record.addFollowUp')}
      </Button>
    </Card>
  );
}

/** A calendar date as the phone's own date picker (no date library in the page). */
function DateInput({
  value,
  disabled,
  label,
  onChange,
}: {
  value: string;
  disabled: boolean;
  label: string;
  onChange: (date: string) => void;
}) {
  return (
    <Input
      type="date"
      size="large"
      className="siyi-visit-date"
      disabled={disabled}
      aria-label={label}
      value={value}
      onChange={(e) => {
        if (e.target.value) onChange(e.target.value);
      }}
    />
  );
}

export function SummaryCard({
  record,
  disabled,
  onChange,
}: {
  record: VisitRecord;
  disabled: boolean;
  onChange: Change;
}) {
  const { t } = useTranslation();
  return (
    <Card title={t('visits.record.summary')}>
      <Input.TextArea
        autoSize={{ minRows: 3, maxRows: 8 }}
        maxLength={2000}
        showCount
        disabled={disabled}
        aria-label={t('visits.record.summary')}
        placeholder={t('visits.record.summaryPlaceholder')}
        value={record.summary}
        onChange={(e) => {
          const summary = e.target.value;
          onChange((r) => ({ ...r, summary }));
        }}
      />
    </Card>
  );
}
