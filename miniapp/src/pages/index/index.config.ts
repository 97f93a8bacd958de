export default definePageConfig({
  navigationBarTitleText: '联研',
});
