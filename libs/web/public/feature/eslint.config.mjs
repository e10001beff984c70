import angular from '../../../../eslint.angular.config.mjs';

/** The public booking site ships without staff code: nothing from the dashboard libraries. */
export default [
  ...angular,
  {
    files: ['**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@foyer/web/dashboard*'],
              message: 'Public pages must not load staff code.',
            },
          ],
        },
      ],
    },
  },
];
