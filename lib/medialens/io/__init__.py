"""Reading inputs: `decode` (bytes to text), `files` (opening), the readers by format (`readers`,
`feeds`, `csv`) and `corpus` (folders and globs into Articles, Rejects and Skips)."""
