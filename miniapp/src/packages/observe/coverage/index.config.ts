export default definePageConfig({
  navigationBarTitleText: '听评课覆盖',
});
