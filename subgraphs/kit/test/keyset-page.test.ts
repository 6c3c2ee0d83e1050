import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { EntitySchema, type DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { GraphQLError } from 'graphql';
import { loadKitConfig } from '../src/config/kit-config';
import { createDataSource } from '../src/data/create-data-source';
import { dropDatabase } from '../src/data/ensure-database';
import { createLogger } from '../src/logging/logger';
import { encodeCursor, type Connection } from '../src/graphql/connection';
import { byCreatedAt, keysetPage, type KeysetSort } from '../src/graphql/keyset-page';
import { uniqueSuiteName } from './support/test-names';

interface Row {
  id: string;
  createdAt: Date;
  title: string;
  rank: number;
}

const RowSchema = new EntitySchema<Row>({
  name: 'KeysetRow',
  tableName: 'keyset_row',
  columns: {
    id: { type: 'uuid', primary: true },
    createdAt: { type: 'timestamptz', name: 'created_at' },
    title: { type: 'varchar' },
    rank: { type: 'integer' },
  },
});

class CreateKeysetRow1763769609997 implements MigrationInterface {
  name = 'CreateKeysetRow1763769609997';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE keyset_row (id uuid PRIMARY KEY, created_at timestamptz NOT NULL, title varchar NOT NULL, rank integer NOT NULL)`);
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE keyset_row`);
  }
}

const byTitle: KeysetSort<Row> = { column: 'r.title', type: 'varchar', valueOf: (row) => row.title };
const byRank: KeysetSort<Row> = { column: 'r.rank', type: 'integer', valueOf: (row) => row.rank };

describe('keysetPage', () => {
  const suite = uniqueSuiteName('keyset');
  const config = loadKitConfig('kit', 0, { ...process.env, DATABASE_NAME: `ultramarket_test_${suite}` });
  let dataSource: DataSource;
  const rows: Row[] = [];

  const page = (sort: KeysetSort<Row>, descending: boolean, after: string | null, countTotal = true): Promise<Connection<Row>> =>
    keysetPage(dataSource.getRepository(RowSchema).createQueryBuilder('r'), {
      sort,
      descending,
      idColumn: 'r.id',
      idOf: (row) => row.id,
      limit: 3,
      after,
      countTotal,
    });

  /** Every row, page by page, checking the page information on the way. */
  const walk = async (sort: KeysetSort<Row>, descending: boolean): Promise<string[]> => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const current: Connection<Row> = await page(sort, descending, after);
      expect(current.totalCount).toBe(rows.length);
      expect(current.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(current.pageInfo.endCursor).toBe(current.edges[current.edges.length - 1]?.cursor ?? null);
      seen.push(...current.nodes.map((row) => row.id));
      if (!current.pageInfo.hasNextPage) return seen;
      after = current.pageInfo.endCursor;
    }
    throw new Error('more pages than rows');
  };

  const sorted = (compare: (a: Row, b: Row) => number, descending: boolean): string[] => {
    const ascending = [...rows].sort((a, b) => compare(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((row) => row.id);
    return descending ? ascending.reverse() : ascending;
  };

  beforeAll(async () => {
    dataSource = await createDataSource(
      config,
      { entities: [RowSchema], migrations: [CreateKeysetRow1763769609997] },
      new Registry(),
      createLogger('kit-test', 'silent'),
    );
    // ties on every sort column: only the id keeps the order total
    const sameInstant = new Date('2026-01-01T00:00:00.000Z');
    for (let i = 0; i < 8; i++) {
      rows.push({ id: randomUUID(), createdAt: i < 4 ? sameInstant : new Date(sameInstant.getTime() + i * 1000), title: `title ${i % 3}`, rank: i % 2 });
    }
    await dataSource.getRepository(RowSchema).insert(rows);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await dropDatabase(config.database);
  });

  it('walks every row once, in (sort column, id) order, either way, through ties', async () => {
    const pg = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    expect(await walk(byCreatedAt<Row>('r'), true)).toEqual(sorted((a, b) => a.createdAt.getTime() - b.createdAt.getTime(), true));
    expect(await walk(byCreatedAt<Row>('r'), false)).toEqual(sorted((a, b) => a.createdAt.getTime() - b.createdAt.getTime(), false));
    expect(await walk(byTitle, false)).toEqual(sorted((a, b) => pg(a.title, b.title), false));
    expect(await walk(byRank, true)).toEqual(sorted((a, b) => a.rank - b.rank, true));
  });

  it('counts only when asked', async () => {
    expect((await page(byRank, false, null, false)).totalCount).toBe(0);
    expect((await page(byRank, false, null, true)).totalCount).toBe(8);
  });

  it('refuses, as BAD_USER_INPUT, a cursor it did not make or one made for another column type', async () => {
    const forged = [
      ['garbage', byRank],
      [Buffer.from('["x"]').toString('base64url'), byRank],
      [encodeCursor('not a number', randomUUID()), byRank],
      [encodeCursor(1.5, randomUUID()), byRank],
      [encodeCursor(1, 'not-a-uuid'), byRank],
      [encodeCursor('not a date', randomUUID()), byCreatedAt<Row>('r')],
      [encodeCursor(3, randomUUID()), byTitle],
    ] as const;
    for (const [cursor, sort] of forged) {
      const failure = await page(sort, false, cursor).then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(GraphQLError);
      expect((failure as GraphQLError).extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    }
  });
});
