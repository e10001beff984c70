import baseConfig, { sqlOnlyInRepositories } from '../../../eslint.config.mjs';

export default [...baseConfig, sqlOnlyInRepositories()];
