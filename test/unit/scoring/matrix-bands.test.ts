import { describe, expect, it } from 'vitest'
import { fitMatrix } from '~/domain/scoring-model/matrix'

const settings = {
  fitMax: 100,
  engagementMax: 100,
  mqlMinFit: 50,
  mqlMinEngagement: 35,
  grades: [
    { grade: 'A', minFit: 75 },
    { grade: 'B', minFit: 50 },
    { grade: 'C', minFit: 0 },
  ],
}

describe('the fit × engagement matrix', () => {
  it('splits engagement around the MQL threshold when the model has no bands', () => {
    expect(fitMatrix(settings).bands.map((band) => band.label)).toEqual(['0–17', '18–34', '35–67', '68–100'])
    expect(fitMatrix({ ...settings, bands: [] }).bands.map((band) => band.label)).toEqual(['0–17', '18–34', '35–67', '68–100'])
  })

  it("uses the model's own bands, lowest first, with a column for leads in no band", () => {
    const matrix = fitMatrix({
      ...settings,
      bands: [
        { band: '1', minEngagement: 60 },
        { band: '2', minEngagement: 35 },
        { band: '3', minEngagement: 15 },
      ],
    })
    expect(matrix.bands).toEqual([
      { label: '0–14', min: 0, max: 14 },
      { label: '15–34', min: 15, max: 34, name: '3' },
      { label: '35–59', min: 35, max: 59, name: '2' },
      { label: '60–100', min: 60, max: 100, name: '1' },
    ])
    expect(matrix.rows.map((row) => row.cells)).toEqual([
      ['none', 'none', 'mql', 'mql'],
      ['none', 'none', 'mql', 'mql'],
      ['none', 'none', 'none', 'none'],
    ])
  })

  it('has no empty column when the lowest band starts at 0', () => {
    const matrix = fitMatrix({
      ...settings,
      bands: [
        { band: 'Hot', minEngagement: 50 },
        { band: 'Cold', minEngagement: 0 },
      ],
    })
    expect(matrix.bands.map((band) => [band.name, band.label])).toEqual([
      ['Cold', '0–49'],
      ['Hot', '50–100'],
    ])
    expect(matrix.rows[0]!.cells).toEqual(['some', 'mql'])
  })
})
