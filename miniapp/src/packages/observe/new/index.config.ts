export default definePageConfig({
  navigationBarTitleText: '听课',
});
