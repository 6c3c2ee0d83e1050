import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IsEnum, IsInt, IsOptional, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

export enum HeaderStyle {
  CLASSIC = 'CLASSIC',
  CENTERED = 'CENTERED',
  MINIMAL = 'MINIMAL',
}

export enum ContainerWidth {
  NARROW = 'NARROW',
  STANDARD = 'STANDARD',
  WIDE = 'WIDE',
  FULL = 'FULL',
}

registerEnumType(HeaderStyle, { name: 'HeaderStyle', description: 'How the storefront header is laid out.' });
registerEnumType(ContainerWidth, { name: 'ContainerWidth', description: 'How wide the storefront content may grow.' });

const HEX_COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const HEX_MESSAGE = (name: string) => `${name} must be a hex colour such as #1a2b3c`;
/** Family names and generic fallbacks only: letters, digits, spaces, dashes, comma-separated. No quotes, no semicolons. */
const FONT_FAMILY = /^[A-Za-z0-9 -]{1,60}(?:, ?[A-Za-z0-9 -]{1,60}){0,4}$/;
const FONT_MESSAGE = (name: string) => `${name} must be font family names (letters, digits, spaces, dashes) separated by commas`;
export const MAX_CUSTOM_CSS = 20_000;

@ObjectType({ description: 'Storefront colours, as #rrggbb or #rgb.' })
export class ThemeColors {
  @Field({ description: 'Buttons and links.' })
  primary: string;
  @Field({ description: 'Secondary buttons and highlights.' })
  secondary: string;
  @Field({ description: 'Page background.' })
  background: string;
  @Field({ description: 'Body text.' })
  text: string;
  @Field({ description: 'Badges, sale prices and other accents.' })
  accent: string;
}

@ObjectType({ description: 'Storefront typography.' })
export class ThemeTypography {
  @Field({ description: 'Font families of headings, comma-separated with fallbacks.' })
  headingFont: string;
  @Field({ description: 'Font families of body text.' })
  bodyFont: string;
  @Field(() => Int, { description: 'Base font size in pixels (12–24).' })
  baseFontSize: number;
}

@ObjectType({ description: 'Storefront layout choices.' })
export class ThemeLayout {
  @Field(() => HeaderStyle, { description: 'Header layout.' })
  headerStyle: HeaderStyle;
  @Field(() => ContainerWidth, { description: 'Content width.' })
  containerWidth: ContainerWidth;
  @Field(() => Int, { description: 'Products per row on wide screens (2–6).' })
  productGridColumns: number;
  @Field(() => Int, { description: 'Corner radius of cards and buttons in pixels (0–32).' })
  borderRadius: number;
}

/** What the storefront looks like; public, stored as jsonb. */
@ObjectType({ description: 'How the storefront looks: colours, typography, layout and sanitised custom CSS.' })
export class StoreTheme {
  @Field(() => ThemeColors, { description: 'Colours.' })
  colors: ThemeColors;
  @Field(() => ThemeTypography, { description: 'Typography.' })
  typography: ThemeTypography;
  @Field(() => ThemeLayout, { description: 'Layout.' })
  layout: ThemeLayout;
  @Field({ description: 'Extra CSS for the storefront, sanitised when saved (no imports, scripts, bindings, markup or foreign URLs).' })
  customCss: string;
}

export const DEFAULT_THEME: StoreTheme = {
  colors: { primary: '#1f6feb', secondary: '#6e7781', background: '#ffffff', text: '#1f2328', accent: '#d1242f' },
  typography: { headingFont: 'Inter, sans-serif', bodyFont: 'Inter, sans-serif', baseFontSize: 16 },
  layout: { headerStyle: HeaderStyle.CLASSIC, containerWidth: ContainerWidth.STANDARD, productGridColumns: 4, borderRadius: 4 },
  customCss: '',
};

@InputType({ description: 'Colour changes; each a hex colour such as #1a2b3c.' })
export class ThemeColorsInput {
  @IsOptional()
  @Matches(HEX_COLOR, { message: HEX_MESSAGE('primary') })
  @Field({ nullable: true, description: 'Buttons and links.' })
  primary?: string;
  @IsOptional()
  @Matches(HEX_COLOR, { message: HEX_MESSAGE('secondary') })
  @Field({ nullable: true, description: 'Secondary buttons and highlights.' })
  secondary?: string;
  @IsOptional()
  @Matches(HEX_COLOR, { message: HEX_MESSAGE('background') })
  @Field({ nullable: true, description: 'Page background.' })
  background?: string;
  @IsOptional()
  @Matches(HEX_COLOR, { message: HEX_MESSAGE('text') })
  @Field({ nullable: true, description: 'Body text.' })
  text?: string;
  @IsOptional()
  @Matches(HEX_COLOR, { message: HEX_MESSAGE('accent') })
  @Field({ nullable: true, description: 'Accents.' })
  accent?: string;
}

@InputType({ description: 'Typography changes.' })
export class ThemeTypographyInput {
  @IsOptional()
  @Matches(FONT_FAMILY, { message: FONT_MESSAGE('headingFont') })
  @Field({ nullable: true, description: 'Heading font families, e.g. "Playfair Display, serif".' })
  headingFont?: string;
  @IsOptional()
  @Matches(FONT_FAMILY, { message: FONT_MESSAGE('bodyFont') })
  @Field({ nullable: true, description: 'Body font families.' })
  bodyFont?: string;
  @IsOptional()
  @IsInt()
  @Min(12)
  @Max(24)
  @Field(() => Int, { nullable: true, description: 'Base font size in pixels, 12–24.' })
  baseFontSize?: number;
}

@InputType({ description: 'Layout changes.' })
export class ThemeLayoutInput {
  @IsOptional()
  @IsEnum(HeaderStyle)
  @Field(() => HeaderStyle, { nullable: true, description: 'Header layout.' })
  headerStyle?: HeaderStyle;
  @IsOptional()
  @IsEnum(ContainerWidth)
  @Field(() => ContainerWidth, { nullable: true, description: 'Content width.' })
  containerWidth?: ContainerWidth;
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(6)
  @Field(() => Int, { nullable: true, description: 'Products per row, 2–6.' })
  productGridColumns?: number;
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(32)
  @Field(() => Int, { nullable: true, description: 'Corner radius in pixels, 0–32.' })
  borderRadius?: number;
}

/** Theme changes: for a new store, and the base of updateStoreTheme's input. */
@InputType({ description: 'How a storefront looks; parts left out take the default (new store) or stay as they are (update).' })
export class StoreThemeInput {
  @IsOptional()
  @ValidateNested()
  @Field(() => ThemeColorsInput, { nullable: true, description: 'Colour changes.' })
  colors?: ThemeColorsInput;

  @IsOptional()
  @ValidateNested()
  @Field(() => ThemeTypographyInput, { nullable: true, description: 'Typography changes.' })
  typography?: ThemeTypographyInput;

  @IsOptional()
  @ValidateNested()
  @Field(() => ThemeLayoutInput, { nullable: true, description: 'Layout changes.' })
  layout?: ThemeLayoutInput;

  @IsOptional()
  @MaxLength(MAX_CUSTOM_CSS)
  @Field({ nullable: true, description: `Custom CSS, at most ${MAX_CUSTOM_CSS} characters; sanitised before it is saved.` })
  customCss?: string;
}

function defined<T extends object>(changes: T | undefined | null): Partial<T> {
  return Object.fromEntries(Object.entries(changes ?? {}).filter(([, value]) => value !== undefined && value !== null)) as Partial<T>;
}

/** The theme with the given changes (custom CSS already sanitised by the caller). */
export function mergeTheme(current: StoreTheme, changes: StoreThemeInput, sanitizedCss: string | undefined): StoreTheme {
  return {
    colors: { ...DEFAULT_THEME.colors, ...current.colors, ...defined(changes.colors) },
    typography: { ...DEFAULT_THEME.typography, ...current.typography, ...defined(changes.typography) },
    layout: { ...DEFAULT_THEME.layout, ...current.layout, ...defined(changes.layout) },
    customCss: sanitizedCss ?? current.customCss ?? '',
  };
}
