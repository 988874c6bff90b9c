"""The office workbook: one Excel file per office and year to fill offline and upload.

- `templat`: the layout both directions share (sheets, columns, version);
- `data`: what the workbook holds, read from the database;
- `export`: the pre-filled workbook;
- `validasi`: reading an upload safely (size, zip bomb, not an xlsx, header block, formulas,
  merged cells, Indonesian numbers) with errors that name the cell;
- `impor`: compare with the database, apply through the domain services in one
  transaction, record `LogImpor`.
"""
