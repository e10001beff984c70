import angular from '../../../../eslint.angular.config.mjs';

/** Diner pages ship without staff code: nothing from the dashboard libraries. */
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
