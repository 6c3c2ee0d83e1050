import { BODY_MAX_LENGTH, cleanBody, cleanTitle, stripHtml, textProblem, TITLE_MAX_LENGTH } from './review-text';

describe('stripHtml', () => {
  it('keeps plain text as it is', () => {
    expect(stripHtml('Great kettle, boils in 3 minutes')).toBe('Great kettle, boils in 3 minutes');
  });

  it('removes tags and keeps their text', () => {
    expect(stripHtml('<b>Great</b> <i class="x">kettle</i>')).toBe('Great kettle');
    expect(stripHtml('<a href="javascript:alert(1)" onclick="steal()">link</a>')).toBe('link');
  });

  it('removes scripts, styles, comments and their contents', () => {
    expect(stripHtml('ok<script>alert("x")</script> fine<style>p{color:red}</style><!-- hidden -->')).toBe('ok fine');
    expect(stripHtml('a<SCRIPT type="text/javascript">evil()</SCRIPT >b')).toBe('ab');
  });

  it('removes encoded markup too, and markup smuggled in pieces', () => {
    expect(stripHtml('&lt;img src=x onerror=alert(1)&gt;nice')).toBe('nice');
    expect(stripHtml('&amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt;')).toBe('bold');
    expect(stripHtml('<scr<script>x</script>ipt>alert(1)</script>')).not.toMatch(/<\/?[a-z]/i);
  });

  it('decodes entities into their characters', () => {
    expect(stripHtml('Tom &amp; Jerry &quot;love&quot; it &#39;a lot&#39; &#x263A;')).toBe('Tom & Jerry "love" it \'a lot\' ☺');
  });

  it('keeps comparisons and hearts that are not tags', () => {
    expect(stripHtml('3 < 5 and 6 > 4 <3')).toBe('3 < 5 and 6 > 4 <3');
  });

  it('turns block tags into line breaks and drops an unclosed tag', () => {
    expect(stripHtml('one<br>two<p>three</p>')).toBe('one\ntwo\nthree\n');
    expect(stripHtml('fine <img src="x" onerror="')).toBe('fine ');
  });

  it('drops control characters', () => {
    expect(stripHtml('a\u0000b\u0007c\td')).toBe('abc\td');
  });
});

describe('cleanTitle and cleanBody', () => {
  it('puts a title on one line, whitespace collapsed and trimmed', () => {
    expect(cleanTitle('  <h1>Really\n  good</h1>\t kettle  ')).toBe('Really good kettle');
  });

  it('keeps a body’s paragraphs, collapsing spaces and empty lines', () => {
    expect(cleanBody('  First   line.\r\n\r\n\r\n\r\n  Second\t\tline.  <p>Third</p>  ')).toBe('First line.\n\nSecond line.\nThird');
  });
});

describe('textProblem', () => {
  it('refuses an empty text and one over its limit, after cleaning', () => {
    expect(textProblem(cleanTitle('<b> </b>'), 'title')).toMatch(/empty/);
    expect(textProblem('x'.repeat(TITLE_MAX_LENGTH + 1), 'title')).toMatch(/at most 120/);
    expect(textProblem('x'.repeat(BODY_MAX_LENGTH + 1), 'body')).toMatch(/at most 5000/);
  });

  it('accepts a text at its limit, counted without its markup', () => {
    expect(textProblem('x'.repeat(TITLE_MAX_LENGTH), 'title')).toBeNull();
    expect(textProblem(cleanBody(`<p>${'y'.repeat(BODY_MAX_LENGTH)}</p>`), 'body')).toBeNull();
  });
});
