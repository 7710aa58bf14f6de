/* A shared object that is not a bclint plugin at all. */
int not_a_plugin(void);
int not_a_plugin(void)
{
	return 42;
}
