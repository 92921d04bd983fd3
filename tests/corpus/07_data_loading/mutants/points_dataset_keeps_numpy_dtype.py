# mistake: torch.from_numpy keeps the array's dtype, so rows come out float64 or int64 instead of float32
# targets: test_points_dataset
# %% points_dataset
class PointsDataset(Dataset):
    def __init__(self, points: np.ndarray, labels: np.ndarray) -> None:
        self.points = points
        self.labels = labels

    def __len__(self) -> int:
        return len(self.points)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, torch.Tensor]:
        return torch.from_numpy(self.points[index]), torch.tensor(self.labels[index])
