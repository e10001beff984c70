import nx from '@nx/eslint-plugin';
import angular from 'angular-eslint';
import baseConfig from './eslint.config.mjs';

/** One lint setup for every Angular project: the workspace rules plus Angular's, templates accessible. */
export default [
  ...nx.configs['flat/angular'],
  ...nx.configs['flat/angular-template'],
  // Labels, alt text, keyboard handlers and valid ARIA, checked in every template.
  ...angular.configs.templateAccessibility.map((config) => ({
    ...config,
    files: ['**/*.html'],
  })),
  ...baseConfig,
  {
    files: ['**/*.ts'],
    rules: {
      '@angular-eslint/directive-selector': [
        'error',
        { type: 'attribute', prefix: 'foyer', style: 'camelCase' },
      ],
      '@angular-eslint/component-selector': [
        'error',
        { type: 'element', prefix: 'foyer', style: 'kebab-case' },
      ],
    },
  },
];
