/* err.c - messages and exit codes for enum err. */
#include "base/err.h"

#include "base/xmem.h"

static const struct {
    const char *msg;
    int exit_code;
} err_table[] = {
    [ERR_OK] = {"成功", 0},
    [ERR_USAGE] = {"用法错误", 2},
    [ERR_INPUT] = {"输入有误", 1},
    [ERR_NOTFOUND] = {"未找到", 1},
    [ERR_IO] = {"文件读写错误", 3},
    [ERR_NOTWORKBOOK] = {"不是碳账本工作簿", 3},
    [ERR_NEWER] = {"工作簿由更新版本的碳账本创建", 3},
    [ERR_LOCKED] = {"工作簿正被其他程序占用", 3},
    [ERR_CORRUPT] = {"文件已损坏", 3},
    [ERR_DATA] = {"内置数据文件有误", 3},
    [ERR_READONLY] = {"工作簿以只读方式打开", 3},
};

const char *
err_str(enum err e)
{
    if ((unsigned)e >= nitems(err_table) || err_table[e].msg == NULL)
        return "未知错误";
    return err_table[e].msg;
}

int
err_exit_code(enum err e)
{
    if ((unsigned)e >= nitems(err_table))
        return 3;
    return err_table[e].exit_code;
}
