export default definePageConfig({
  navigationBarTitleText: '班级管理',
});
