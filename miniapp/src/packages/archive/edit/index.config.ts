export default definePageConfig({
  navigationBarTitleText: '添加记录',
});
