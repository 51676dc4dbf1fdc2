import { afterEach, describe, expect, it } from "vitest";
import { createNodeDurableStorage, type NodeDurableStorage } from "../testing/node-sql-storage";
import { applySqlMigrations, readSchemaVersion, type SqlMigration } from "./sql-migrations";

const createNotes: SqlMigration = {
  version: 1,
  description: "notes",
  apply: ({ sql }) =>
    sql.exec("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT)"),
};
const addTitle: SqlMigration = {
  version: 2,
  description: "a title",
  apply: ({ sql }) => sql.exec("ALTER TABLE notes ADD COLUMN title TEXT"),
};

describe("applySqlMigrations", () => {
  let storage: NodeDurableStorage;
  afterEach(() => storage.close());

  it("runs each step once, in order, and records the version per schema", () => {
    storage = createNodeDurableStorage();
    expect(applySqlMigrations(storage, "A", [createNotes])).toBe(1);
    // The second step alone runs later: running the first again would not be noticed, the
    // second again would fail (the column exists), so success proves it ran once.
    expect(applySqlMigrations(storage, "A", [createNotes, addTitle])).toBe(2);
    expect(applySqlMigrations(storage, "A", [createNotes, addTitle])).toBe(2);
    storage.sql.exec("INSERT INTO notes (body, title) VALUES ('b', 't')");
    expect(readSchemaVersion(storage.sql, "A")).toBe(2);
    expect(readSchemaVersion(storage.sql, "B")).toBe(0);
  });

  it("leaves nothing half done when a step fails", () => {
    storage = createNodeDurableStorage();
    const broken: SqlMigration = {
      version: 2,
      description: "broken",
      apply: ({ sql }) => {
        sql.exec("ALTER TABLE notes ADD COLUMN title TEXT");
        sql.exec("THIS IS NOT SQL");
      },
    };
    expect(() => applySqlMigrations(storage, "A", [createNotes, broken])).toThrow();
    expect(readSchemaVersion(storage.sql, "A")).toBe(0);
    expect(applySqlMigrations(storage, "A", [createNotes, addTitle])).toBe(2);
  });

  it("refuses a list that is not numbered 1, 2, 3 in order", () => {
    storage = createNodeDurableStorage();
    expect(() => applySqlMigrations(storage, "A", [addTitle])).toThrow(/in order/);
  });
});
