export default definePageConfig({
  navigationBarTitleText: '教研组详情',
});
