import { Form, useNavigation } from '@remix-run/react'
import { FormError, useSchemaForm } from '~/components/form'
import { MAX_BACKTEST_FILE_LABEL, UploadSchema } from '~/domain/backtest/forms'
import type { FormAnswer } from '~/http/form-answer'

/**
 * The upload: a CSV or JSON Lines file of past leads. With JavaScript the size is checked before
 * anything is sent; without it, the server checks the same things and answers the same words.
 */
export function UploadForm({ answer }: { answer?: FormAnswer }) {
  const { form, onSubmit, errorOf, formError } = useSchemaForm(UploadSchema, { defaultValues: { intent: 'upload' }, answer })
  const navigation = useNavigation()
  const uploading = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'upload'
  const error = errorOf('file')
  return (
    <section className="card" aria-labelledby="upload-heading">
      <h2 id="upload-heading">Upload historical leads</h2>
      <p className="muted small">
        A CSV or JSON Lines export of past leads, one lead a row, with a column that says whether the lead converted (up to {MAX_BACKTEST_FILE_LABEL}). The file is
        read once and deleted: only counts are kept, never a lead.
      </p>
      <FormError message={formError} />
      <Form method="post" encType="multipart/form-data" noValidate onSubmit={onSubmit} className="upload-form">
        <input type="hidden" {...form.register('intent')} value="upload" />
        <div className="field">
          <label htmlFor="backtest-file">File of leads</label>
          <input
            id="backtest-file"
            type="file"
            accept=".csv,.tsv,.txt,.jsonl,.ndjson,text/csv,application/x-ndjson"
            aria-invalid={Boolean(error)}
            aria-describedby={error ? 'backtest-file-error' : undefined}
            {...form.register('file')}
          />
          {error ? (
            <span className="field-error" id="backtest-file-error" role="alert">
              {error}
            </span>
          ) : null}
        </div>
        <button type="submit" className="button" disabled={uploading}>
          {uploading ? 'Uploading…' : 'Upload and map columns'}
        </button>
      </Form>
    </section>
  )
}
