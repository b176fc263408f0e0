// Child processes of the tests run the TypeScript sources with the same hook the build uses (see there).
require('../../scripts/lib/register-ts.cjs');
