/**
 * Names, school names and e-mail domains from @faker-js/faker with its seed set. Faker is too
 * slow to call per row at a million rows, so a pool is drawn once and rows combine its entries.
 */
import { Faker, en } from '@faker-js/faker';

export interface NamePool {
  readonly firstNames: readonly string[];
  readonly lastNames: readonly string[];
  readonly domains: readonly string[];
  readonly cities: readonly string[];
  /** firstNames and lastNames as e-mail local-part pieces (lower case, letters only). */
  readonly emailFirst: readonly string[];
  readonly emailLast: readonly string[];
}

/** COPY text treats tab, newline and backslash specially; pool entries never carry them. */
function clean(value: string): string {
  return value.replace(/[\t\n\r\\]/g, ' ').trim();
}

function distinct(draw: () => string, count: number): string[] {
  const seen = new Set<string>();
  for (let attempts = 0; seen.size < count && attempts < count * 20; attempts += 1) {
    const value = clean(draw());
    if (value.length > 0) seen.add(value);
  }
  return [...seen];
}

/** Draws the pool for one seed (a few thousand faker calls, milliseconds). */
export function createNamePool(seed: number, size = 400): NamePool {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed);
  const firstNames = distinct(() => faker.person.firstName(), size);
  const lastNames = distinct(() => faker.person.lastName(), size);
  return {
    firstNames,
    lastNames,
    domains: distinct(() => faker.internet.domainName(), 24),
    cities: distinct(() => faker.location.city(), 24),
    emailFirst: firstNames.map(emailPiece),
    emailLast: lastNames.map(emailPiece),
  };
}

function emailPiece(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '') || 'x';
}
