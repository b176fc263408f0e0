import { quoteIdent } from './sql-client';

/** Qualified, quoted names of the store's tables inside one PostgreSQL schema. */
export interface StoreTables {
  schema: string;
  events: string;
  /** NOTIFY channel, per schema so parallel test runs do not wake each other. */
  channel: string;
}

export function storeTables(schema = 'public'): StoreTables {
  const qualified = (table: string) => `${quoteIdent(schema)}.${quoteIdent(table)}`;
  return {
    schema,
    events: qualified('es_events'),
    channel: `es_appended_${schema.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`,
  };
}
