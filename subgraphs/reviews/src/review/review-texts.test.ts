import { cleanTexts } from './review-texts';

describe('cleanTexts', () => {
  it('answers the cleaned texts given, leaving absent ones absent', () => {
    expect(cleanTexts({ title: ' <em>Nice</em>  kettle ', body: null })).toEqual({ title: 'Nice kettle' });
    expect(cleanTexts({ body: '<p>Works.</p>' })).toEqual({ body: 'Works.' });
    expect(cleanTexts({})).toEqual({});
  });

  it('answers one INVALID_REVIEW_TEXT per text that does not fit, on its field', () => {
    const errors = cleanTexts({ title: '<b></b>', body: `<div>${'z'.repeat(5001)}</div>` });
    expect(Array.isArray(errors) && errors.map((error) => [error.code, error.field])).toEqual([
      ['INVALID_REVIEW_TEXT', ['input', 'title']],
      ['INVALID_REVIEW_TEXT', ['input', 'body']],
    ]);
  });
});
