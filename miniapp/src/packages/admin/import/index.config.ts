export default definePageConfig({
  navigationBarTitleText: '导入教师名册',
});
