/** `$color-primary` of `_variables.scss`, for the platforms' own components that take a colour as a prop. */
export const THEME_PRIMARY = '#1f7a8c';
