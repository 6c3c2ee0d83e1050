import { sanitizeCss } from './css-sanitizer';

describe('sanitizeCss', () => {
  it('keeps ordinary CSS as it is', () => {
    const css = '.hero > h1 { color: #123456; font-size: 2rem; background: url("https://cdn.example.com/a.png") no-repeat; }\n.btn:hover { opacity: 0.9; }';
    expect(sanitizeCss(css)).toBe(css);
  });

  it('keeps inline images and drops every other url()', () => {
    expect(sanitizeCss('a { background: url(data:image/png;base64,AAAA); }')).toContain('url(data:image/png');
    expect(sanitizeCss('a { color: red; background: url(http://tracker.example/x.gif); }')).toBe('a { color: red; }');
    expect(sanitizeCss("a { background: url('data:text/html,<script>') }")).toBe('a {}');
    expect(sanitizeCss('a { background: url(/relative.png) }')).toBe('a {}');
  });

  it('drops imports, expressions, script URLs, behaviours and bindings', () => {
    expect(sanitizeCss('@import url("https://evil.example/x.css");\nb { color: blue }')).toBe('b { color: blue }');
    expect(sanitizeCss('a { width: expression(alert(1)); color: red }')).toBe('a { color: red }');
    expect(sanitizeCss('a { background: url("javascript:alert(1)") }')).toBe('a {}');
    expect(sanitizeCss('a { x: vbscript:msgbox }')).toBe('a {}');
    expect(sanitizeCss('a { behavior: url(x.htc) } b { -moz-binding: url("https://x/#x") }')).toBe('a {} b {}');
  });

  it('sees through comments and escapes', () => {
    expect(sanitizeCss('a { width: exp/**/ression(alert(1)) }')).toBe('a {}');
    expect(sanitizeCss('a { width: \\65 xpression(alert(1)) }')).toBe('a {}');
    expect(sanitizeCss('a { background: url(java\\73 cript:alert(1)) }')).toBe('a {}');
    expect(sanitizeCss('@\\69mport "x.css"; p { margin: 0 }')).toBe('p { margin: 0 }');
  });

  it('strips markup and closing style tags', () => {
    expect(sanitizeCss('</style><script>alert(1)</script><style>p { margin: 0 }')).toBe('alert(1)p { margin: 0 }');
    expect(sanitizeCss('p { margin: 0 } </STYLE')).toBe('p { margin: 0 }');
    expect(sanitizeCss('p { margin: 0 } <img src=x onerror=alert(1)>')).toBe('p { margin: 0 }');
  });
});
