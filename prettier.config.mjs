// Prettier, set to the style the code was written in so that adopting it moved as few lines as possible:
// single quotes, trailing commas everywhere, and long lines (160 flagged the fewest files of 120–200).
/** @type {import('prettier').Config} */
export default {
  printWidth: 160,
  singleQuote: true,
  trailingComma: 'all',
};
