# mistake: calls generator.seed(), which draws a fresh random seed, instead of generator.manual_seed(seed)
# targets: test_shuffled_loader
# %% shuffled_loader
def shuffled_loader(dataset: Dataset, batch_size: int, seed: int) -> DataLoader:
    generator = torch.Generator()
    generator.seed()
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, generator=generator)
