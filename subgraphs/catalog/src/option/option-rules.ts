import { UserError } from '@ultramarket/kit';
import { MAX_OPTION_VALUES, MAX_OPTIONS } from './product-option.entity';

/** An option as the rules see it: a trimmed name and its trimmed values in order. */
export interface OptionSpec {
  name: string;
  values: string[];
}

export function trimmedOptions(options: readonly { name: string; values: string[] }[]): OptionSpec[] {
  return options.map((option) => ({ name: option.name.trim(), values: option.values.map((value) => value.trim()) }));
}

/**
 * The first thing wrong with a product's options, or null: at most 3 options, names unique and not
 * blank, 1 to 100 values each, values unique within their option and not blank.
 */
export function optionsProblem(options: OptionSpec[], path: string[]): UserError | null {
  if (options.length > MAX_OPTIONS) return UserError.of('TOO_MANY_OPTIONS', `A product has at most ${MAX_OPTIONS} options`, path);
  const names = new Set<string>();
  for (const [index, option] of options.entries()) {
    const at = [...path, String(index)];
    if (!option.name) return UserError.of('INVALID_OPTIONS', 'An option needs a name', [...at, 'name']);
    if (names.has(option.name.toLowerCase())) return UserError.of('INVALID_OPTIONS', `Two options are named "${option.name}"`, [...at, 'name']);
    names.add(option.name.toLowerCase());
    if (option.values.length === 0) return UserError.of('INVALID_OPTIONS', `Option "${option.name}" needs at least one value`, [...at, 'values']);
    if (option.values.length > MAX_OPTION_VALUES) {
      return UserError.of('TOO_MANY_OPTION_VALUES', `Option "${option.name}" has more than ${MAX_OPTION_VALUES} values`, [...at, 'values']);
    }
    const values = new Set<string>();
    for (const value of option.values) {
      if (!value) return UserError.of('INVALID_OPTIONS', `Option "${option.name}" has a blank value`, [...at, 'values']);
      if (values.has(value)) return UserError.of('INVALID_OPTIONS', `Option "${option.name}" lists "${value}" twice`, [...at, 'values']);
      values.add(value);
    }
  }
  return null;
}
