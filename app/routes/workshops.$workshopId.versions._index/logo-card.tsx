import { Form } from '@remix-run/react'
import { Field, FormError, useSchemaForm } from '~/components/form'
import { LOGO_MAX_BYTES, LOGO_MAX_SIDE } from '~/domain/document/logo'
import { RemoveLogoSchema, UploadLogoSchema } from '~/domain/document/schemas'
import type { FormAnswer } from '~/http/form-answer'
import { Icon } from '~/components/icons'
import { PostButton } from '~/components/post-button'

export type LogoView = { src: string; width: number; height: number; revision: number; bytes: number } | null

function RemoveLogo({ revision }: { revision: number }) {
  // The file is not kept, so it asks first; a <details>, no JavaScript needed.
  return (
    <PostButton
      schema={RemoveLogoSchema}
      fields={{ intent: 'remove-logo', revision }}
      icon="trash-2"
      confirm="Remove the logo from the cover of every version’s document, print and PDF? The file is not kept: to bring it back, upload it again."
      confirmLabel="Yes, remove the logo"
    >
      Remove the logo
    </PostButton>
  )
}

/** The logo on the documents' cover: PNG or JPEG only (why: app/domain/document/logo.ts). */
export function LogoCard({ logo, company, uploadAnswer, removeAnswer }: { logo: LogoView; company: string; uploadAnswer?: FormAnswer; removeAnswer?: FormAnswer }) {
  const { onSubmit, field, errorOf, formError } = useSchemaForm(UploadLogoSchema, {
    defaultValues: { intent: 'upload-logo', revision: logo ? String(logo.revision) : '' },
    answer: uploadAnswer,
  })
  const conflictText = uploadAnswer?.conflict?.message ?? removeAnswer?.conflict?.message
  return (
    <section className="card" aria-labelledby="logo-heading" id="logo">
      <h2 id="logo-heading">Logo on the cover</h2>
      <p className="muted small">
        {company}&apos;s logo on the cover of every version&apos;s document, its print and its PDF. PNG or JPEG, at most {LOGO_MAX_BYTES / 1024} KB and{' '}
        {LOGO_MAX_SIDE.toLocaleString('en-US')} pixels a side. SVG is not accepted: an SVG file can carry scripts, and PDFs cannot draw one; export a PNG instead. Text and location
        data in the file are removed.
      </p>
      {conflictText ? (
        <div className="alert warn" role="alert">
          {conflictText}
        </div>
      ) : null}
      <FormError message={formError} />
      {logo ? (
        <div className="actions logo-preview">
          <img src={logo.src} alt={`${company} logo, as on the cover`} width={Math.min(220, logo.width)} style={{ height: 'auto', maxHeight: 72, width: 'auto' }} />
          <span className="small muted">
            {logo.width} × {logo.height} pixels, {Math.ceil(logo.bytes / 1024)} KB
          </span>
          <RemoveLogo revision={logo.revision} />
        </div>
      ) : (
        <p className="small">No logo yet: the cover shows the company name.</p>
      )}
      <Form method="post" encType="multipart/form-data" className="actions" noValidate onSubmit={onSubmit}>
        <input type="hidden" {...field('intent')} />
        <input type="hidden" {...field('revision')} />
        <Field label={logo ? 'Replace with' : 'Logo file'} error={errorOf('logo')}>
          {(props) => <input {...props} type="file" name="logo" accept="image/png,image/jpeg" />}
        </Field>
        <button type="submit" className="button secondary">
          <Icon name="upload" />
          Upload logo
        </button>
      </Form>
    </section>
  )
}
