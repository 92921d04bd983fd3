# why: passes a RandomSampler that owns the seeded generator instead of shuffle=True
# %% shuffled_loader
from torch.utils.data import RandomSampler


def shuffled_loader(dataset: Dataset, batch_size: int, seed: int) -> DataLoader:
    sampler = RandomSampler(dataset, generator=torch.Generator().manual_seed(seed))
    return DataLoader(dataset, batch_size=batch_size, sampler=sampler)
