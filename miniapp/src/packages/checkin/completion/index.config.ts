export default definePageConfig({
  navigationBarTitleText: '打卡完成情况',
});
