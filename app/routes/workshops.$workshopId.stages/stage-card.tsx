import { Link } from '@remix-run/react'
import { OWNER_LABELS, type StageView } from '~/domain/lifecycle/stage-view'

/** One stage as the room reads it: definition, entry and exit, owner, target rate and typical time. */
export function StageCard({ stage, workshopId, editHref }: { stage: StageView; workshopId: string; editHref: string | null }) {
  return (
    <article className={`stage-card${stage.enabled ? '' : ' off'}`} id={`stage-${stage.key}`} aria-labelledby={`stage-${stage.key}-name`}>
      <div className="stage-card-head">
        <h3 id={`stage-${stage.key}-name`}>{stage.label}</h3>
        <span className={`badge ${stage.owner}`}>{OWNER_LABELS[stage.owner]}</span>
        {stage.enabled ? null : <span className="badge">Switched off</span>}
        {editHref ? (
          <Link to={editHref} className="button secondary small stage-edit" aria-label={`Edit the ${stage.label} stage`}>
            Edit
          </Link>
        ) : null}
      </div>
      {stage.enabled ? null : <p className="muted small">Not used: MQLs go straight to SQL, and the MQL stage&apos;s rate is MQL → SQL.</p>}
      <p>{stage.definition}</p>
      <dl className="stage-facts">
        <div>
          <dt>Enters when</dt>
          <dd>{stage.entryCriteria}</dd>
        </div>
        <div>
          <dt>Leaves when</dt>
          <dd>{stage.exitCriteria}</dd>
        </div>
      </dl>
      {stage.terminal ? null : (
        <p className="stage-metrics">
          <span>
            Target rate to {stage.next ?? 'the next stage'}: <strong data-testid={`rate-${stage.key}`}>{stage.ratePercent === null ? 'not set' : `${stage.ratePercent} %`}</strong>
          </span>
          <span>
            Typical time in stage: <strong>{stage.typicalDays === null ? 'not set' : `${stage.typicalDays} ${stage.typicalDays === 1 ? 'day' : 'days'}`}</strong>
          </span>
        </p>
      )}
      {stage.key === 'mql' ? (
        <p className="stage-links small">
          What exactly makes an MQL is agreed in <Link to={`/workshops/${workshopId}/criteria`}>step 4, qualifying criteria</Link> (required information,
          disqualifiers) and <Link to={`/workshops/${workshopId}/scoring`}>step 5, the scoring model</Link> (thresholds, fast-track actions).
        </p>
      ) : null}
      {stage.key === 'sql' ? (
        <p className="stage-links small">
          The SQL questions and how many must hold are in <Link to={`/workshops/${workshopId}/criteria`}>step 4, qualifying criteria</Link>; see them
          scored in <Link to={`/workshops/${workshopId}/scoring`}>step 5</Link>.
        </p>
      ) : null}
    </article>
  )
}
