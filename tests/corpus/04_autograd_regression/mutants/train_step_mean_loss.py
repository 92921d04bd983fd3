# mistake: steps along the gradient of the mean squared error instead of the seed's summed loss
# targets: test_train_step
# %% train_step
def train_step(x, y, w, b, lr):
    loss = (0.5 * (x.pow(2).mm(w) + b - y) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        w -= lr * w.grad
        b -= lr * b.grad
        w.grad.zero_()
        b.grad.zero_()
    return loss.item()
