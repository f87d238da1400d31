import { useState } from 'react'
import { Icon } from './icons'

/**
 * A link or token shown once, in a read-only field the person can select, with a Copy button
 * once JavaScript runs (progressive enhancement: without it, the field is still there to copy
 * from by hand, and the button is not offered).
 */
export function CopyField({ id, label, value, testId }: { id: string; label: string; value: string; testId?: string }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle')
  async function copy() {
    try {
      await navigator.clipboard.writeText(value)
      setCopied('copied')
    } catch {
      // No clipboard permission (an insecure origin, a denied prompt): the field stays selectable.
      setCopied('failed')
    }
  }
  return (
    <div className="copy-field-wrap">
      <label className="visually-hidden" htmlFor={id}>
        {label}
      </label>
      <div className="copy-field">
        <input id={id} type="text" readOnly value={value} data-testid={testId} onFocus={(event) => event.currentTarget.select()} />
        <button type="button" className="button secondary small js-only" onClick={copy}>
          <Icon name={copied === 'copied' ? 'check' : 'copy'} />
          {copied === 'copied' ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p className="muted small" role="status" aria-live="polite">
        {copied === 'copied' ? `${label} copied to the clipboard.` : copied === 'failed' ? 'Copying is not allowed here: select the text and copy it.' : ''}
      </p>
    </div>
  )
}
