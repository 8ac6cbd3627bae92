const char *multi_name(void)
{
    return "multi";
}
