/* References a function that no library provides: linking must fail. */
int rr_test_function_that_does_not_exist(void);

int main(void)
{
    return rr_test_function_that_does_not_exist();
}
