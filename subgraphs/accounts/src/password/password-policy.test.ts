import { passwordProblems } from './password-policy';

describe('passwordProblems', () => {
  it('accepts a long password mixing character classes', () => {
    expect(passwordProblems('correct horse battery staple', 'ada@example.com')).toEqual([]);
    expect(passwordProblems('Correcthorsebatterystaple', 'ada@example.com')).toEqual([]);
    expect(passwordProblems('tr0ub4dor&3x', null)).toEqual([]);
  });

  it.each([
    ['Short1!', /at least 12/],
    ['alllowercaseletters', /two kinds/],
    ['123456789012345', /two kinds/],
    ['Password1234', /too common/],
    ['P@ssw0rd1234', /too common/],
  ])('refuses %p', (password, problem) => {
    expect(passwordProblems(password, 'ada@example.com').join('; ')).toMatch(problem);
  });

  it('refuses the email address or its local part', () => {
    expect(passwordProblems('Ada.Lovelace@Example.com', 'ada.lovelace@example.com')).toContain('do not use your email address');
    expect(passwordProblems('ada.lovelace1', 'Ada.Lovelace1@example.com')).toContain('do not use your email address');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passwordProblems('😀😀😀😀😀😀a', null).join()).toMatch(/at least 12/);
  });
});
