export default definePageConfig({
  navigationBarTitleText: '中心教研组',
});
