export default definePageConfig({
  navigationBarTitleText: '家长学校统计',
});
