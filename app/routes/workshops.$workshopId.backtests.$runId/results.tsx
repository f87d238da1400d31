import { Form } from '@remix-run/react'
import { useMemo, useState } from 'react'
import { HistogramChart, LiftChart, MonthsChart, StagesChart } from '~/components/backtest/charts'
import { DecilesTable, EvidenceTable, HistogramTable, MatrixTable, MonthsTable, StagesTable, TableView } from '~/components/backtest/tables'
import { FormError, useSchemaForm } from '~/components/form'
import type { BacktestAggregate } from '~/domain/backtest/aggregate'
import { ruleEvidence } from '~/domain/backtest/evidence'
import { computeFigures, thresholdRange, type BacktestFigures, type Thresholds } from '~/domain/backtest/figures'
import { SaveThresholdsSchema } from '~/domain/backtest/forms'
import { formatAuc, formatCount, formatLift, formatRate, summarise } from '~/domain/backtest/summary'
import type { FormAnswer } from '~/http/form-answer'
import { ConflictAlert } from '~/components/conflict-note'

/*
 * A run's results for one model. The sliders recompute every figure in the browser from the
 * stored aggregate (no request); without JavaScript the same inputs submit as a GET and the
 * server computes the figures for them. The time each recomputation took is shown beside them.
 */

export interface ScoringThresholds {
  minFit: number
  minEngagement: number
  revision: number
}

interface View {
  thresholds: Thresholds
  figures: BacktestFigures
  /** How long the last recomputation took in the browser, or null for the page as loaded. */
  ms: number | null
}

export function BacktestResults({
  aggregate,
  initial,
  modelLabel,
  scoring,
  canSave,
  saveAnswer,
}: {
  aggregate: BacktestAggregate
  initial: Thresholds
  modelLabel: string
  scoring: ScoringThresholds
  canSave: boolean
  saveAnswer?: FormAnswer
}) {
  const [view, setView] = useState<View>(() => ({ thresholds: initial, figures: computeFigures(aggregate, initial), ms: null }))
  const evidence = useMemo(() => ruleEvidence(aggregate), [aggregate])
  const range = thresholdRange(aggregate)
  const { figures, thresholds } = view
  const move = (axis: keyof Thresholds, value: number) => {
    const next = { ...thresholds, [axis]: value }
    const started = performance.now()
    const recomputed = computeFigures(aggregate, next)
    setView({ thresholds: recomputed.thresholds, figures: recomputed, ms: performance.now() - started })
  }
  const sentences = summarise(figures, evidence)
  const unchanged = thresholds.minFit === scoring.minFit && thresholds.minEngagement === scoring.minEngagement

  return (
    <div className="stack">
      <section className="card bt-summary" aria-labelledby="summary-heading">
        <h2 id="summary-heading">In short</h2>
        <div aria-live="polite" data-testid="summary">
          {sentences.map((sentence) => (
            <p key={sentence}>{sentence}</p>
          ))}
        </div>
      </section>

      <section className="card" id="thresholds" aria-labelledby="thresholds-heading">
        <h2 id="thresholds-heading">MQL thresholds</h2>
        <p className="muted small">
          Move the sliders: every figure below is recomputed from the run&apos;s stored counts, exactly as if each lead were scored again. {modelLabel} used fit ≥{' '}
          {aggregate.thresholds.minFit} and engagement ≥ {aggregate.thresholds.minEngagement}; the scoring model now has fit ≥ {scoring.minFit} and engagement ≥{' '}
          {scoring.minEngagement}.
        </p>
        <Form method="get" className="bt-sliders" preventScrollReset>
          <Slider id="minFit" label="Minimum fit" value={thresholds.minFit} max={range.fit.max} onChange={(value) => move('minFit', value)} />
          <Slider id="minEngagement" label="Minimum engagement" value={thresholds.minEngagement} max={range.engagement.max} onChange={(value) => move('minEngagement', value)} />
          <noscript>
            <button type="submit" className="button secondary small">
              Show the figures at these thresholds
            </button>
          </noscript>
        </Form>
        <p className="muted small" data-testid="recompute-time">
          {view.ms === null ? 'Figures for the thresholds above.' : `Recomputed in the browser in ${view.ms.toFixed(1)} ms.`}
        </p>
        {canSave ? (
          <SaveThresholdsForm key={`${thresholds.minFit}-${thresholds.minEngagement}-${scoring.revision}`} thresholds={thresholds} revision={scoring.revision} unchanged={unchanged} answer={saveAnswer} />
        ) : null}
      </section>

      <section className="bt-tiles" aria-label="Is MQL, against the outcome">
        <Tile label="MQLs (incl. SQLs)" value={formatCount(figures.mql.leads)} note={`of ${formatCount(figures.leads)} leads`} />
        <Tile label="Precision" value={formatRate(figures.mql.precision)} note="of MQLs converted" />
        <Tile label="Recall" value={formatRate(figures.mql.recall)} note="of conversions were MQLs" />
        <Tile label="Lift" value={formatLift(figures.mql.lift)} note={`against ${formatRate(figures.baselineRate)} overall`} />
        <Tile label="AUC" value={formatAuc(figures.auc.combined)} note={`fit ${formatAuc(figures.auc.fit)} · engagement ${formatAuc(figures.auc.engagement)}`} />
      </section>

      <section className="card" aria-labelledby="stages-heading">
        <h2 id="stages-heading">Leads per stage</h2>
        <StagesChart figures={figures} />
        <TableView summary="Leads per stage as a table">
          <StagesTable figures={figures} />
        </TableView>
      </section>

      <section className="card" aria-labelledby="histograms-heading">
        <h2 id="histograms-heading">Fit and engagement</h2>
        <HistogramChart bins={figures.fitHistogram} axis="Fit" threshold={thresholds.minFit} />
        <TableView summary="Fit histogram as a table">
          <HistogramTable bins={figures.fitHistogram} axis="Fit" />
        </TableView>
        <HistogramChart bins={figures.engagementHistogram} axis="Engagement" threshold={thresholds.minEngagement} />
        <TableView summary="Engagement histogram as a table">
          <HistogramTable bins={figures.engagementHistogram} axis="Engagement" />
        </TableView>
      </section>

      <section className="card" aria-labelledby="matrix-heading">
        <h2 id="matrix-heading">Grade × engagement</h2>
        <MatrixTable figures={figures} />
      </section>

      <section className="card" aria-labelledby="lift-heading">
        <h2 id="lift-heading">Conversion by score decile</h2>
        <p className="muted small">
          AUC of the combined score against the outcome: <strong>{formatAuc(figures.auc.combined)}</strong> (0.5 is chance, 1 a perfect ranking). Scores are counted in whole
          points.
        </p>
        <LiftChart figures={figures} />
        <TableView summary="Deciles as a table">
          <DecilesTable figures={figures} />
        </TableView>
      </section>

      <section className="card" aria-labelledby="months-heading">
        <h2 id="months-heading">MQLs per month</h2>
        {figures.months.length === 0 ? (
          <p className="muted">No created-date column was mapped, so the leads have no month. Map one in the next run to see MQL volume over time.</p>
        ) : (
          <>
            <MonthsChart figures={figures} />
            <TableView summary="MQLs per month as a table">
              <MonthsTable figures={figures} />
            </TableView>
            {figures.undated > 0 ? <p className="muted small">{formatCount(figures.undated)} leads had no created date and are in no month.</p> : null}
          </>
        )}
      </section>

      <section className="card" aria-labelledby="evidence-heading">
        <h2 id="evidence-heading">Evidence per rule</h2>
        <EvidenceTable evidence={evidence} baseline={figures.baselineRate} />
      </section>
    </div>
  )
}

function Slider({ id, label, value, max, onChange }: { id: string; label: string; value: number; max: number; onChange: (value: number) => void }) {
  return (
    <div className="field bt-slider">
      <label htmlFor={`slider-${id}`}>
        {label}: <output htmlFor={`slider-${id}`}>{value}</output>
      </label>
      <input id={`slider-${id}`} name={id} type="range" min={0} max={max} step={1} value={value} onChange={(event) => onChange(Number(event.currentTarget.value))} />
      <span className="hint">
        0 <span aria-hidden="true">–</span> {max}
      </span>
    </div>
  )
}

function Tile({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <div className="card bt-tile">
      <div className="muted small">{label}</div>
      <div className="bt-tile-value">{value}</div>
      <div className="muted small">{note}</div>
    </div>
  )
}

function SaveThresholdsForm({ thresholds, revision, unchanged, answer }: { thresholds: Thresholds; revision: number; unchanged: boolean; answer?: FormAnswer }) {
  const { onSubmit, field, formError } = useSchemaForm(SaveThresholdsSchema, {
    defaultValues: { intent: 'save-thresholds', revision: String(revision), minFit: String(thresholds.minFit), minEngagement: String(thresholds.minEngagement) },
    answer,
  })
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="bt-save">
      <ConflictAlert answer={answer} />
      <FormError message={formError} />
      <input type="hidden" {...field('intent')} />
      <input type="hidden" {...field('revision')} />
      <input type="hidden" {...field('minFit')} />
      <input type="hidden" {...field('minEngagement')} />
      <button type="submit" className="button" disabled={unchanged}>
        Save fit ≥ {thresholds.minFit} and engagement ≥ {thresholds.minEngagement} to the scoring model
      </button>
      <p className="muted small">{unchanged ? 'These are the scoring model’s thresholds already.' : 'A change to the model: both teams sign the scoring section again afterwards.'}</p>
    </Form>
  )
}
